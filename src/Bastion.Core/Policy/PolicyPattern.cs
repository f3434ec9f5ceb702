namespace Bastion.Core.Policy;

/// <summary>A pattern and where it was written, for messages ("deny wins: … from policy.yaml, line 4").</summary>
internal sealed record PolicyPattern(CommandPattern Pattern, string Origin);
