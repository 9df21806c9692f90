project = "escaping"
extensions = ["neuron_policy"]
neuron_policy_today = "2025-03-01"
# the tests compare YAML strings with the output character for character
smartquotes = False
