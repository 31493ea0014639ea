"""The signals detection reads, one module each; each returns evidence a workshop can read."""
