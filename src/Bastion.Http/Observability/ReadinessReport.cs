namespace Bastion.Http.Observability;

/// <summary>The answer of <c>/readyz</c>: <c>ready</c> or <c>not_ready</c>, and each check's result (<c>ok</c> or why not).</summary>
public sealed record ReadinessReport(string Status, IReadOnlyDictionary<string, string> Checks);
