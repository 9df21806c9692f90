# The as-of date comes from SOURCE_DATE_EPOCH, which the tests set.
extensions = ["neuron_policy"]
project = "incremental"
