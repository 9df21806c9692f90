extensions = ["neuron_policy"]
project = "parallel"
neuron_policy_today = "2024-10-01"
# Everything the site publishes, so the determinism tests compare those files too.
neuron_policy_exports = ["json", "ics", "atom", "badges"]
html_baseurl = "https://docs.example.org/tiny/"
