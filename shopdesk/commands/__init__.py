"""Sub-commands beyond the import ones, one module each: ``add_parser`` puts
the command on the CLI, ``run`` does it and returns the exit code."""
