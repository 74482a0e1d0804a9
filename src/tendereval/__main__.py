from tendereval.cli import main

# Guarded: the loader's worker processes import the main module, and must not run the CLI again.
if __name__ == "__main__":
    main()
