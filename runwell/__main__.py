from runwell.cli import main

main()
