"""What several compute options share: the cost-model runner (calc), container fleets, Fargate task sizes, the
front door, network lines, invocation rules and limits. Never imports an option folder."""
