using System.Text.Json;

namespace Bastion.Tools;

/// <summary>
/// Marks a tool annotated destructive whose <c>action</c> argument picks what it does, when some of its actions only add
/// (e.g. <c>create</c> beside <c>update</c> and <c>delete</c> on the same object): a call with one of these actions runs
/// without confirmation, as a tool annotated additive would; every other action is confirmed. Nothing else changes: the
/// tool is still refused in read-only mode and needs its scope. It does not show in <c>tools/list</c>.
/// </summary>
/// <param name="actions">The values of <c>action</c> that only add.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AdditiveActionsAttribute(params string[] actions) : Attribute
{
    /// <summary>The values of <c>action</c> that only add.</summary>
    public IReadOnlyList<string> Actions { get; } = actions;

    /// <summary>True when <paramref name="arguments"/> (checked against the schema) pick one of <see cref="Actions"/>.</summary>
    public bool Adds(IReadOnlyDictionary<string, JsonElement> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.TryGetValue("action", out var action)
            && action.ValueKind == JsonValueKind.String
            && Actions.Contains(action.GetString(), StringComparer.Ordinal);
    }
}
