using Bastion.Core;

namespace Bastion.Providers.Cloudways.Changes;

/// <summary>
/// The services' own checks of what an action needs (a clear error naming the action, the field and what is accepted), in the
/// wording of <see cref="ParameterUse{TChoice}"/>; which action takes which field is the tools' tables, checked before the
/// services run.
/// </summary>
internal static class ActionArgs
{
    /// <summary><paramref name="value"/>, trimmed, or an error saying <paramref name="action"/> needs <paramref name="name"/>.</summary>
    /// <exception cref="BastionException">The value is missing or blank.</exception>
    public static string Need(string? value, string name, string action, string accepted) =>
        string.IsNullOrWhiteSpace(value) ? throw new BastionException($"action '{action}' needs {name}: {accepted}.") : value.Trim();

    /// <summary>The app id, or an error saying <paramref name="action"/> acts on one app.</summary>
    /// <exception cref="BastionException">No app id was given.</exception>
    public static long NeedApp(long? appId, string action) =>
        appId ?? throw new BastionException($"action '{action}' acts on one app: give app_id (cloudways_list servers lists each server's apps).");

    /// <summary>A list that must not be empty.</summary>
    /// <exception cref="BastionException">The list is missing or empty.</exception>
    public static IReadOnlyList<string> NeedList(IReadOnlyList<string>? values, string name, string action, string accepted) =>
        values is { Count: > 0 } && values.All(v => !string.IsNullOrWhiteSpace(v))
            ? [.. values.Select(v => v.Trim())]
            : throw new BastionException($"action '{action}' needs {name}: {accepted}.");
}
