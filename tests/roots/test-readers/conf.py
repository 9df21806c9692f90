project = "readers"
copyright = "2025, tests"
version = release = "1.0"
extensions = ["neuron_policy"]
neuron_policy_today = "2025-10-01"
latex_documents = [("index", "readers.tex", "Readers", "tests", "howto")]
