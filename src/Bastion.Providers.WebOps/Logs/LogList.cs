using System.ComponentModel;

namespace Bastion.Providers.WebOps.Logs;

/// <summary>A deployment's log (webops_deployment resource=logs).</summary>
internal sealed record LogList(
    [property: Description("The deployment's name.")] string Deployment,
    [property: Description("Entries that matched the filters.")] int Matched,
    [property: Description("The newest matching entries, oldest first, at most lines.")] IReadOnlyList<LogEntry> Entries,
    [property: Description("True when older matching entries were left out.")] bool Truncated,
    [property: Description("What to know; empty when nothing.")] IReadOnlyList<string> Notes);
