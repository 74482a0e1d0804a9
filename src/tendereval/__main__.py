from tendereval.cli import run

# Guarded: the loader's worker processes import the main module, and must not run the CLI again.
if __name__ == "__main__":
    run()
