using System.ComponentModel;
using System.Text.Json;

namespace Bastion.Providers.Alpacon.Api;

/// <summary>One Alpacon object as the API returned it after a change.</summary>
internal sealed record AlpaconObject(
    [property: Description("The Alpacon workspace changed.")] string Workspace,
    [property: Description("The Alpacon API path called, e.g. /api/metrics/alert-rules/.")] string Source,
    [property: Description("What Alpacon returned: the object as it now is (null after a delete).")] JsonElement? Item,
    [property: Description("What happened, in a sentence.")] string Message);
