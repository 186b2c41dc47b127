"""What the pain check's pages show: a result (`result`) and the rules explained (`rules`)."""
