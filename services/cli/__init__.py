"""`fugong`: the operator's command line.

Keys, topics, dead letters, rebuild, status, demo and migrations.

Every command delegates to the module that owns the work (the gateway's keys, the platform's
topics, dead letters and migrations, monitoring's rebuild); this package only parses arguments
and shows results.
"""
