using System.Text.Json;

namespace Bastion.Providers.Cloudways.Api;

/// <summary>What Cloudways answered to one request.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Json">The body as JSON; null when it is not JSON (Cloudways answers unknown paths with a line of text).</param>
/// <param name="Text">The body as text, for messages (callers clip it).</param>
internal sealed record CloudwaysAnswer(int Status, JsonElement? Json, string Text)
{
    /// <summary>True for a 2xx status.</summary>
    public bool Ok => Status is >= 200 and < 300;
}
