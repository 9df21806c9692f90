project = "platforms"
extensions = ["neuron_policy"]
neuron_policy_today = "2025-08-15"
