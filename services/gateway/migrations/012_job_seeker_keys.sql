-- Job seekers who register themselves get a key bound to their seeker id: they read and update
-- their own profile and read their recommendations, nothing else.
ALTER TABLE gateway.api_keys
    ADD COLUMN seeker_id uuid,
    DROP CONSTRAINT api_keys_known_kind,
    ADD CONSTRAINT api_keys_known_kind CHECK (principal_kind IN
        ('enterprise', 'official', 'community_point', 'assistant', 'officer', 'operations',
         'job_seeker')),
    ADD CONSTRAINT api_keys_job_seekers_have_a_seeker_id
        CHECK ((principal_kind = 'job_seeker') = (seeker_id IS NOT NULL));
