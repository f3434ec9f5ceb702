using System.ComponentModel;
using System.Text.Json;

namespace Bastion.Providers.Alpacon.Api;

/// <summary>A bounded list of Alpacon's own objects, passed through unchanged, with where they came from.</summary>
internal sealed record AlpaconItems(
    [property: Description("The Alpacon workspace asked.")] string Workspace,
    [property: Description("Bastion host name of the server asked about; null for workspace-wide lists.")] string? Host,
    [property: Description("The Alpacon API path the items come from, e.g. /api/proc/users/.")] string Source,
    [property: Description("How many items Alpacon has for the query (its count), or how many were seen when it gives none.")] int Total,
    [property: Description("True when Alpacon has more than the items returned; raise limit or narrow the filter.")] bool Truncated,
    [property: Description(AlpaconText.Items)] IReadOnlyList<JsonElement> Items,
    [property: Description("Remarks about the answer, e.g. why it is cut.")] IReadOnlyList<string> Notes);
