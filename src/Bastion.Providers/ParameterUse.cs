using System.Collections;
using System.Text.Json;
using Bastion.Core;

namespace Bastion.Providers;

/// <summary>
/// Which values of a grouped tool's <c>resource</c> or <c>action</c> take each of its optional parameters, and which of
/// them need one: a parameter the chosen value does not take is refused with an error naming the values that take it
/// ("action 'start' does not take zone_id; only deploy does. Leave it out."), and a needed one that is missing with what
/// it accepts ("action 'deploy' needs zone_id: …."), so a model learns the shape instead of having a parameter ignored.
/// The same table checks a tool's bound parameters (<see cref="Check(TChoice, ValueTuple{string, object}[])"/>) and a
/// call's raw arguments before anyone is asked to confirm it (<see cref="Check(IReadOnlyDictionary{string, JsonElement})"/>).
/// </summary>
/// <typeparam name="TChoice">The tool's resource or action enum (its JSON names are the members in snake_case).</typeparam>
public sealed class ParameterUse<TChoice>
    where TChoice : struct, Enum
{
    private readonly string _choice;
    private readonly Dictionary<string, TChoice[]> _takenBy;
    private readonly Dictionary<string, (TChoice[] NeededBy, string Accepted)> _needs = new(StringComparer.Ordinal);

    /// <summary>A table for the parameter named <paramref name="choice"/> (resource or action).</summary>
    /// <param name="choice">The enum parameter's name, e.g. resource.</param>
    /// <param name="rows">Each optional parameter and the values that take it.</param>
    public ParameterUse(string choice, params (string Parameter, TChoice[] TakenBy)[] rows)
    {
        _choice = choice;
        _takenBy = rows.ToDictionary(r => r.Parameter, r => r.TakenBy, StringComparer.Ordinal);
    }

    /// <summary>Declares that the values <paramref name="neededBy"/> need <paramref name="parameter"/> (one of the rows), which accepts <paramref name="accepted"/>.</summary>
    /// <returns>This table, so a declaration reads as one expression.</returns>
    public ParameterUse<TChoice> Needs(string parameter, TChoice[] neededBy, string accepted)
    {
        _needs.Add(parameter, (neededBy, accepted));
        return this;
    }

    /// <summary>
    /// Refuses the first parameter given (not null) that <paramref name="chosen"/> does not take, then the first of them
    /// that <paramref name="chosen"/> needs and lacks (null, blank, or an empty list).
    /// </summary>
    /// <param name="chosen">The resource or action of the call.</param>
    /// <param name="given">Parameters of the table and their values (null: not given).</param>
    /// <exception cref="BastionException">A parameter <paramref name="chosen"/> does not take was given, or one it needs is missing.</exception>
    public void Check(TChoice chosen, params (string Parameter, object? Value)[] given)
    {
        ArgumentNullException.ThrowIfNull(given);
        Check(chosen, given.Where(g => g.Value is not null).Select(g => g.Parameter), given.Where(g => Missing(g.Value)).Select(g => g.Parameter));
    }

    /// <summary>
    /// The same check on a call's arguments, as the schema checked them: the choice is read from them (a call without a
    /// known one is left to the schema), and every parameter of the table is looked at.
    /// </summary>
    /// <exception cref="BastionException">A parameter the chosen value does not take was given, or one it needs is missing.</exception>
    public void Check(IReadOnlyDictionary<string, JsonElement> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (Chosen(arguments) is not { } chosen)
        {
            return;
        }

        var present = arguments.Where(a => a.Value.ValueKind != JsonValueKind.Null).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        Check(chosen, present, _needs.Keys.Where(p => !arguments.TryGetValue(p, out var value) || Missing(value)));
    }

    /// <summary>The value <paramref name="arguments"/> choose; null when they name none, or none known.</summary>
    public TChoice? Chosen(IReadOnlyDictionary<string, JsonElement> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.TryGetValue(_choice, out var value) && value.ValueKind == JsonValueKind.String
            && Enum.GetValues<TChoice>().Where(c => ChoiceName.Of(c) == value.GetString()).ToArray() is [var chosen]
            ? chosen
            : null;
    }

    /// <summary><paramref name="value"/>, trimmed, or an error saying <paramref name="chosen"/> needs <paramref name="parameter"/> and what it accepts (as <see cref="Needs"/> declared).</summary>
    /// <exception cref="BastionException">The value is missing or blank.</exception>
    public string Need(TChoice chosen, string parameter, string? value) => Need(chosen, parameter, value, _needs[parameter].Accepted);

    /// <summary><paramref name="value"/>, trimmed, or an error saying <paramref name="chosen"/> needs <paramref name="parameter"/>: <paramref name="accepted"/>.</summary>
    /// <exception cref="BastionException">The value is missing or blank.</exception>
    public string Need(TChoice chosen, string parameter, string? value, string accepted) =>
        string.IsNullOrWhiteSpace(value) ? throw Needed(chosen, parameter, accepted) : value.Trim();

    /// <summary><paramref name="value"/>, or an error saying <paramref name="chosen"/> needs <paramref name="parameter"/>: <paramref name="accepted"/>.</summary>
    /// <exception cref="BastionException">The value is missing.</exception>
    public T Need<T>(TChoice chosen, string parameter, T? value, string accepted)
        where T : struct =>
        value ?? throw Needed(chosen, parameter, accepted);

    /// <summary><paramref name="values"/>, each trimmed, or an error saying <paramref name="chosen"/> needs a non-empty <paramref name="parameter"/> (as <see cref="Needs"/> declared).</summary>
    /// <exception cref="BastionException">The list is missing, empty, or holds a blank item.</exception>
    public IReadOnlyList<string> NeedList(TChoice chosen, string parameter, IReadOnlyList<string>? values) =>
        NeedList(chosen, parameter, values, _needs[parameter].Accepted);

    /// <summary><paramref name="values"/>, each trimmed, or an error saying <paramref name="chosen"/> needs a non-empty <paramref name="parameter"/>: <paramref name="accepted"/>.</summary>
    /// <exception cref="BastionException">The list is missing, empty, or holds a blank item.</exception>
    public IReadOnlyList<string> NeedList(TChoice chosen, string parameter, IReadOnlyList<string>? values, string accepted) =>
        Missing(values) ? throw Needed(chosen, parameter, accepted) : [.. values!.Select(v => v.Trim())];

    private void Check(TChoice chosen, IEnumerable<string> given, IEnumerable<string> missing)
    {
        foreach (var parameter in given)
        {
            if (_takenBy.TryGetValue(parameter, out var takenBy) && !takenBy.Contains(chosen))
            {
                throw new BastionException($"{_choice} '{ChoiceName.Of(chosen)}' does not take {parameter}; only {string.Join(", ", takenBy.Select(ChoiceName.Of))} {(takenBy.Length == 1 ? "does" : "do")}. Leave it out.");
            }
        }

        foreach (var parameter in missing)
        {
            if (_needs.TryGetValue(parameter, out var need) && need.NeededBy.Contains(chosen))
            {
                throw Needed(chosen, parameter, need.Accepted);
            }
        }
    }

    private BastionException Needed(TChoice chosen, string parameter, string accepted) => new($"{_choice} '{ChoiceName.Of(chosen)}' needs {parameter}: {accepted}.");

    // Not given, blank, or a list that is empty or holds a blank item.
    private static bool Missing(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        IEnumerable items => !items.Cast<object?>().Any() || items.Cast<object?>().Any(i => i is null || i is string s && string.IsNullOrWhiteSpace(s)),
        _ => false,
    };

    private static bool Missing(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()),
        JsonValueKind.Array => value.GetArrayLength() == 0 || value.EnumerateArray().Any(Missing),
        _ => false,
    };
}
