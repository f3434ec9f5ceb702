using System.Text.Json;

namespace Bastion.Core.Audit;

/// <summary>Whether an entry satisfies an <see cref="AuditQuery"/>.</summary>
internal static class AuditMatcher
{
    public static bool Matches(AuditEntry entry, AuditQuery query) =>
        Same(entry.Tool, query.Tool)
        && Same(entry.Principal, query.Principal)
        && Same(entry.Decision, query.Decision)
        && (query.Since is null || entry.Time >= query.Since)
        && (query.Until is null || entry.Time < query.Until)
        && (string.IsNullOrEmpty(query.Text) || ContainsText(entry, query.Text));

    private static bool Same(string value, string? wanted) =>
        wanted is null || string.Equals(value, wanted, StringComparison.OrdinalIgnoreCase);

    private static bool ContainsText(AuditEntry entry, string text)
    {
        string?[] fields = [entry.Phase, entry.Principal, entry.Tenant, entry.Session, entry.Tool, entry.Decision, entry.Reason, entry.Outcome];
        return fields.Any(f => Has(f, text))
            || entry.Targets.Any(t => Has(t, text))
            || (entry.ExitCodes?.Keys.Any(h => Has(h, text)) ?? false)
            || (entry.Arguments is { } arguments && Contains(arguments, text));
    }

    private static bool Contains(JsonElement element, string text) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p => Has(p.Name, text) || Contains(p.Value, text)),
        JsonValueKind.Array => element.EnumerateArray().Any(e => Contains(e, text)),
        JsonValueKind.String => Has(element.GetString(), text),
        JsonValueKind.Number => Has(element.GetRawText(), text),
        _ => false,
    };

    private static bool Has(string? value, string text) =>
        value is not null && value.Contains(text, StringComparison.OrdinalIgnoreCase);
}
