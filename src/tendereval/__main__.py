from tendereval.cli import main

main()
