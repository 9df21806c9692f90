project = "tiny"
copyright = "2025, tests"
version = release = "1.0"
extensions = ["neuron_policy"]
neuron_policy_today = "2025-06-01"
exclude_patterns = ["earlier", "_build"]
# The data is about changes, not a clean policy: the waiver that expires is one of them.
neuron_policy_severity = {"waiver-expired": "off", "min-support": "off"}
