using System.ComponentModel;
using System.Text.Json;

namespace Bastion.Providers.CloudStack.Apis;

/// <summary>One API the credentials may call, as <c>listApis</c> describes it.</summary>
internal sealed record ApiInfo(
    [property: Description("API name, e.g. listVirtualMachines (the command).")] string Name,
    [property: Description("CloudStack's description of it.")] string? Description,
    [property: Description("True when it runs as an async job (cloudstack_api_call follows the job to its end).")] bool IsAsync,
    [property: Description("read (its name begins with list, get, query or is: runs without confirmation) or change (confirmed and audited).")] string Kind,
    [property: Description("Its parameters, required ones first.")] IReadOnlyList<ApiParam> Params)
{
    private static readonly string[] ReadPrefixes = ["list", "get", "query", "is"];

    /// <summary>True when the API's name says it only reads: it begins with list, get, query or is, followed by an upper-case letter.</summary>
    public static bool IsRead(string name) =>
        ReadPrefixes.Any(p => name.Length > p.Length && name.StartsWith(p, StringComparison.Ordinal) && char.IsAsciiLetterUpper(name[p.Length]));

    /// <summary>Reads one entry of <c>listApis</c>' <c>api</c> array.</summary>
    public static ApiInfo From(JsonElement e)
    {
        var name = e.Str("name") ?? string.Empty;
        var parameters = e.Items("params").Select(ApiParam.From).Where(p => p.Name.Length > 0)
            .OrderByDescending(p => p.Required).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        return new ApiInfo(name, e.Str("description"), e.Flag("isasync") == true, IsRead(name) ? "read" : "change", parameters);
    }
}
