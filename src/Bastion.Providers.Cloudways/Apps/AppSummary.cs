using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Apps;

/// <summary>An app in a server listing.</summary>
internal sealed record AppSummary(
    [property: Description("Cloudways app id (the app_id of the app tools).")] long Id,
    [property: Description("The app's label.")] string? Label,
    [property: Description("Application type, e.g. wordpress, magento, phplaravel.")] string? Application)
{
    public static AppSummary From(JsonElement app) =>
        new(app.Long("id") ?? 0, app.Text("label"), app.Text("application"));
}
