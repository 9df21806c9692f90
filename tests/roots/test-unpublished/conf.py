extensions = ["neuron_policy"]
neuron_policy_today = "2025-03-01"
exclude_patterns = ["notices.rst"]
