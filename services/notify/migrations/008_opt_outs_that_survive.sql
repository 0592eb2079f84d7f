-- Opt-outs that survive (issue 7): a refusal recorded through the gateway
-- (`roster.member-opted-out`) is kept apart from the roster, so a `replace` upload, which starts
-- the enterprise's members from its file, gives it back to the member; and a member who opted
-- out can opt back in (`roster.member-opted-in`) with their renewed consent, recorded here.

-- A channel an enterprise's employee refused, by number: until they renew their consent to it.
CREATE TABLE notify.member_opt_outs (
    credit_code char(18) NOT NULL,
    phone text NOT NULL,
    channel text NOT NULL CHECK (channel IN ('sms', 'wechat', 'voice')),
    opted_out_at timestamptz NOT NULL,
    PRIMARY KEY (credit_code, phone, channel)
);
CREATE INDEX member_opt_outs_by_phone ON notify.member_opt_outs (phone);

-- Each renewed consent, as the enterprise recorded it: the evidence of why a refusal (or an
-- SMS unsubscribe by reply) was lifted. Like the refusals, kept past the retention purge of
-- rosters and messages: forgetting either would let a notice reach someone who said no.
CREATE TABLE notify.consent_renewals (
    credit_code char(18) NOT NULL,
    phone text NOT NULL,
    channels text[] NOT NULL CHECK (channels <@ '{sms,wechat,voice}' AND cardinality(channels) > 0),
    method text NOT NULL CHECK (method IN ('written', 'online', 'phone', 'in_person')),
    given_at timestamptz NOT NULL,
    reference text,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (credit_code, phone, recorded_at)
);
CREATE INDEX consent_renewals_recorded ON notify.consent_renewals (recorded_at);

-- The refusals recorded through the gateway before this migration live only on the members:
-- carry them over (the file's own refusals cannot be told apart from them, so all are kept).
INSERT INTO notify.member_opt_outs (credit_code, phone, channel, opted_out_at)
SELECT m.credit_code, m.phone, c, m.uploaded_at
FROM notify.roster_members m, unnest(m.opted_out) AS c
ON CONFLICT DO NOTHING;
