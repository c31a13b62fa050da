"""Every read of core: organisation, accounts, scoping, tokens and two-factor devices."""
