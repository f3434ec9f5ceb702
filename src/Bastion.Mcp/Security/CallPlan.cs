using System.ComponentModel;
using System.Text.Json;

namespace Bastion.Mcp.Security;

/// <summary>What a call would do, shown before it does it.</summary>
public sealed record CallPlan(
    [property: Description("The tool.")] string Tool,
    [property: Description("What would happen, in words (the exact command, or the files).")] string Action,
    [property: Description("The hosts it would happen on.")] IReadOnlyList<string> Targets,
    [property: Description("Why it needs confirmation.")] string Risk,
    [property: Description("The call's arguments, secrets redacted.")] JsonElement Arguments,
    [property: Description("Pass this as confirm in the same call to run exactly this plan; null for a dry run.")] string? Confirmation,
    [property: Description("When the handle expires, UTC ISO-8601; null for a dry run.")] DateTimeOffset? Expires);
