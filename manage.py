#!/usr/bin/env python
from runwell.cli import main

main()
