extensions = ["neuron_policy"]
project = "parallel"
neuron_policy_today = "2024-10-01"
