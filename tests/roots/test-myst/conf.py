extensions = ["myst_parser", "neuron_policy"]
neuron_policy_today = "2025-06-01"
