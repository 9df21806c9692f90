project = "tiny"
copyright = "2025, tests"
version = release = "1.0"
extensions = ["neuron_policy"]
neuron_policy_today = "2025-10-01"
