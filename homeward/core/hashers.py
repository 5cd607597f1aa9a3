"""Passwords: Argon2id with the parameters OWASP's Password Storage Cheat Sheet gives as its first choice (19 MiB of
memory, two passes, one lane). Django's defaults (100 MiB, eight lanes) cost 0.18 s of CPU and 100 MiB per login:
on the two-core server of the benchmark, a hundred colleagues logging in at nine o'clock took 18 s to get in and
could ask for over a gigabyte at once. Hashes made with other parameters are renewed at the next login."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    algorithm = "argon2"  # the same algorithm name: existing hashes stay readable and are renewed by must_update
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
