using System.Text.Json;
using Bastion.Core;

namespace Bastion.Providers.Cloudways.Changes;

/// <summary>
/// Which values of a grouped tool's <c>resource</c> or <c>action</c> take each of its optional parameters: a parameter
/// the chosen value does not take is refused with an error naming the values that take it, so a model learns the shape
/// instead of having the parameter ignored.
/// </summary>
/// <typeparam name="TChoice">The tool's resource or action enum (its JSON names are the members in snake_case).</typeparam>
internal sealed class ParameterUse<TChoice>
    where TChoice : struct, Enum
{
    private readonly string _choice;
    private readonly Dictionary<string, TChoice[]> _takenBy;

    /// <summary>A table for the parameter named <paramref name="choice"/> (resource or action).</summary>
    /// <param name="choice">The enum parameter's name, e.g. resource.</param>
    /// <param name="rows">Each optional parameter and the values that take it.</param>
    public ParameterUse(string choice, params (string Parameter, TChoice[] TakenBy)[] rows)
    {
        _choice = choice;
        _takenBy = rows.ToDictionary(r => r.Parameter, r => r.TakenBy, StringComparer.Ordinal);
    }

    /// <summary>The value as the schema and the model name it, e.g. git_key.</summary>
    public static string Name(TChoice value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Refuses the first parameter given (not null) that <paramref name="chosen"/> does not take.</summary>
    /// <exception cref="BastionException">A parameter was given that <paramref name="chosen"/> does not take.</exception>
    public void Check(TChoice chosen, params (string Parameter, object? Value)[] given)
    {
        foreach (var (parameter, value) in given)
        {
            var takenBy = _takenBy[parameter];
            if (value is not null && !takenBy.Contains(chosen))
            {
                throw new BastionException($"{_choice} '{Name(chosen)}' does not take {parameter}; only {string.Join(", ", takenBy.Select(Name))} {(takenBy.Length == 1 ? "does" : "do")}. Leave it out.");
            }
        }
    }

    /// <summary><paramref name="value"/>, trimmed, or an error saying <paramref name="chosen"/> needs <paramref name="parameter"/>.</summary>
    /// <exception cref="BastionException">The value is missing or blank.</exception>
    public string Need(TChoice chosen, string parameter, string? value, string accepted) =>
        string.IsNullOrWhiteSpace(value) ? throw new BastionException($"{_choice} '{Name(chosen)}' needs {parameter}: {accepted}.") : value.Trim();

    /// <summary><paramref name="values"/>, each trimmed, or an error saying <paramref name="chosen"/> needs a non-empty <paramref name="parameter"/>.</summary>
    /// <exception cref="BastionException">The list is missing, empty, or holds a blank item.</exception>
    public IReadOnlyList<string> NeedList(TChoice chosen, string parameter, IReadOnlyList<string>? values, string accepted) =>
        values is { Count: > 0 } && values.All(v => !string.IsNullOrWhiteSpace(v))
            ? [.. values.Select(v => v.Trim())]
            : throw new BastionException($"{_choice} '{Name(chosen)}' needs {parameter}: {accepted}.");
}
