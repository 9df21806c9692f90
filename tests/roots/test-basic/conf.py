extensions = ["neuron_policy"]
neuron_policy_today = "2025-10-01"
exclude_patterns = ["_build"]
