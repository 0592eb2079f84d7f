-- Off-peak appointments (seed 五(三)): time slots at the halls with a capacity each, and bookings.
-- `booked` is raised only by `UPDATE … WHERE booked < capacity` in the transaction that inserts the
-- booking, so a slot is never overbooked however many book at once; the CHECK is the backstop.
CREATE TABLE gateway.appointment_slots (
    slot_id uuid PRIMARY KEY,
    hall_code text NOT NULL REFERENCES gateway.service_halls,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    capacity integer NOT NULL CHECK (capacity >= 1),
    booked integer NOT NULL DEFAULT 0,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT slot_never_overbooked CHECK (booked BETWEEN 0 AND capacity),
    CONSTRAINT slot_ends_after_it_starts CHECK (starts_at < ends_at),
    CONSTRAINT one_slot_per_hall_and_start UNIQUE (hall_code, starts_at)
);

-- The person (name, mobile) is personal data: shown unmasked only to whoever booked, never logged.
CREATE TABLE gateway.bookings (
    booking_id uuid PRIMARY KEY,
    slot_id uuid NOT NULL REFERENCES gateway.appointment_slots,
    hall_code text NOT NULL,
    day date NOT NULL,
    service text NOT NULL,
    booked_by text NOT NULL,
    person_name text NOT NULL,
    mobile text NOT NULL,
    status text NOT NULL CHECK (status IN ('booked', 'cancelled')),
    idempotency_key uuid,
    booked_at timestamptz NOT NULL DEFAULT now(),
    cancelled_by text,
    cancelled_at timestamptz,
    CONSTRAINT a_retry_is_the_same_booking UNIQUE (booked_by, idempotency_key)
);
CREATE UNIQUE INDEX one_active_booking_per_person_hall_and_day
    ON gateway.bookings (hall_code, day, mobile) WHERE status = 'booked';
CREATE INDEX bookings_by_slot ON gateway.bookings (slot_id);
CREATE INDEX bookings_by_hall_and_day ON gateway.bookings (hall_code, day);

-- The gateway's read contract for notify: who to remind of which appointment (notification
-- requests name only the booking id). Notify reads this view, never the tables.
CREATE VIEW gateway.appointment_contacts_v AS
SELECT b.booking_id, b.status, b.person_name, b.mobile, b.service,
       s.starts_at, s.ends_at, h.hall_code, h.name AS hall_name, h.address
FROM gateway.bookings b
JOIN gateway.appointment_slots s USING (slot_id)
JOIN gateway.service_halls h ON h.hall_code = b.hall_code;
