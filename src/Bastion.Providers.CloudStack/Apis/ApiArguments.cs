using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Apis;

/// <summary>
/// Turns a call's <c>params</c> object into CloudStack's query parameters, checked against the API's metadata
/// (<c>listApis</c>): every name must be one of the API's parameters, every required one present, every value of its
/// type. Lists go comma-separated; maps as <c>name[i].key=value</c>.
/// </summary>
internal static partial class ApiArguments
{
    /// <summary>Parameters the client sets itself, never taken from a call.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "command", "response", "apikey", "signature", "signatureversion", "expires", "sessionkey",
    };

    /// <summary>The query parameters for <paramref name="api"/>, in the order given.</summary>
    /// <param name="api">The API's metadata.</param>
    /// <param name="parameters">The call's <c>params</c>: an object of names to values, or null/undefined for none.</param>
    /// <exception cref="PlatformException">A name is reserved or unknown, a required one is missing, or a value is not of its type; the message says what is accepted. Nothing was sent.</exception>
    public static Dictionary<string, string?> Build(ApiInfo api, JsonElement? parameters)
    {
        var given = parameters is { ValueKind: JsonValueKind.Object } p ? p.EnumerateObject().ToList()
            : parameters is null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? []
            : throw Refused(api, "params must be an object of parameter names to values, e.g. {\"id\": \"…\"}.");
        var byName = api.Params.ToDictionary(x => x.Name, StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in given)
        {
            if (Reserved.Contains(property.Name))
            {
                throw Refused(api, $"'{property.Name}' is set by Bastion itself and cannot be given.");
            }

            if (!byName.TryGetValue(property.Name, out var parameter))
            {
                throw Refused(api, $"it has no parameter '{property.Name}'. {Accepted(api)}");
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (parameter.Type == "map")
            {
                foreach (var (key, value) in Map(api, parameter, property.Value))
                {
                    result[key] = value;
                }

                continue;
            }

            result[parameter.Name] = Value(api, parameter, property.Value);
        }

        var missing = api.Params.Where(x => x.Required && !result.Keys.Any(k => k.Equals(x.Name, StringComparison.OrdinalIgnoreCase) || k.StartsWith(x.Name + "[", StringComparison.OrdinalIgnoreCase))).Select(x => x.Name).ToList();
        if (missing.Count > 0)
        {
            throw Refused(api, $"it requires {string.Join(", ", missing)}. {Accepted(api)}");
        }

        return result;
    }

    /// <summary>The parameters in words, for error messages: required ones first, with their types.</summary>
    public static string Accepted(ApiInfo api) => api.Params.Count == 0
        ? "It takes no parameters."
        : $"Accepted: {string.Join(", ", api.Params.Select(x => $"{x.Name} ({x.Type}{(x.Required ? ", required" : string.Empty)})"))}.";

    private static string Value(ApiInfo api, ApiParam parameter, JsonElement value)
    {
        var text = parameter.Type switch
        {
            "boolean" => value.ValueKind switch
            {
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.String when bool.TryParse(value.GetString(), out var b) => b ? "true" : "false",
                _ => throw Wrong(api, parameter, "true or false"),
            },
            "integer" or "long" or "short" => Scalar(value) is { } n && long.TryParse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? whole.ToString(CultureInfo.InvariantCulture)
                : throw Wrong(api, parameter, "a whole number"),
            "float" or "double" => Scalar(value) is { } f && double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                ? real.ToString(CultureInfo.InvariantCulture)
                : throw Wrong(api, parameter, "a number"),
            "uuid" => value.ValueKind == JsonValueKind.String && IdPattern().IsMatch(value.GetString()!)
                ? value.GetString()!
                : throw Wrong(api, parameter, "an id (letters, digits and '-', as the list APIs return it)"),
            "date" or "tzdate" => value.ValueKind == JsonValueKind.String && DatePattern().IsMatch(value.GetString()!)
                ? value.GetString()!
                : throw Wrong(api, parameter, "a date: yyyy-MM-dd, yyyy-MM-dd HH:mm:ss or yyyy-MM-dd'T'HH:mm:ssZ"),
            "list" => value.ValueKind == JsonValueKind.Array
                ? string.Join(',', value.EnumerateArray().Select(i => Scalar(i) is { } s && !s.Contains(',', StringComparison.Ordinal) ? s : throw Wrong(api, parameter, "an array of strings or numbers without commas, or one comma-separated string")))
                : Scalar(value) ?? throw Wrong(api, parameter, "an array of strings or numbers, or one comma-separated string"),
            _ => Scalar(value) ?? throw Wrong(api, parameter, "a string"),
        };
        if (parameter.Length is { } length && text.Length > length)
        {
            throw Refused(api, $"'{parameter.Name}' is {text.Length} characters long; CloudStack accepts at most {length}.");
        }

        return text;
    }

    private static IEnumerable<(string Key, string Value)> Map(ApiInfo api, ApiParam parameter, JsonElement value)
    {
        var entries = value.ValueKind switch
        {
            JsonValueKind.Object => [value],
            JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object) => value.EnumerateArray().ToList(),
            _ => throw Wrong(api, parameter, "an object of keys to values, or an array of such objects (sent as name[i].key=value)"),
        };
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var field in entries[i].EnumerateObject())
            {
                yield return ($"{parameter.Name}[{i.ToString(CultureInfo.InvariantCulture)}].{field.Name}", Scalar(field.Value) ?? throw Wrong(api, parameter, "objects whose values are strings, numbers or booleans"));
            }
        }
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static PlatformException Wrong(ApiInfo api, ApiParam parameter, string accepted) =>
        Refused(api, $"'{parameter.Name}' is of type {parameter.Type}: give {accepted}.");

    private static PlatformException Refused(ApiInfo api, string why) =>
        new(CloudStackClient.Platform, $"{api.Name} was not called: {why} Nothing was sent.");

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?([+-][0-9]{2}:?[0-9]{2}|Z)?)?$")]
    private static partial Regex DatePattern();
}
