using System.Text.Json;

namespace Bastion.Providers;

/// <summary>How a grouped tool's <c>resource</c> or <c>action</c> values are named in its schema and its errors.</summary>
public static class ChoiceName
{
    /// <summary>The value as the schema and the model name it: the member in snake_case, e.g. GitKey is git_key.</summary>
    public static string Of<TChoice>(TChoice value)
        where TChoice : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
