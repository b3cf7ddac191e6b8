package functions
