using System.ComponentModel;
using System.Text.Json.Nodes;
using Bastion.Conformance.Media;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Conformance.Resources;

/// <summary>The resources the resources-* scenarios read: a text and a binary one, a template, and one to subscribe to.</summary>
[McpServerResourceType]
internal static class ConformanceResources
{
    /// <summary>The resource the subscribe scenarios watch.</summary>
    public const string WatchedUri = "test://watched-resource";

    [McpServerResource(UriTemplate = "test://static-text", Name = "static-text", MimeType = "text/plain"), Description("A fixed line of text (scenario resources-read-text).")]
    public static TextResourceContents StaticText() =>
        new() { Uri = "test://static-text", MimeType = "text/plain", Text = "This is the content of the static text resource." };

    [McpServerResource(UriTemplate = "test://static-binary", Name = "static-binary", MimeType = SampleMedia.PngMimeType), Description("A 1×1 red PNG, base64 in blob (scenario resources-read-binary).")]
    public static BlobResourceContents StaticBinary() =>
        BlobResourceContents.FromBytes(SampleMedia.Png, "test://static-binary", SampleMedia.PngMimeType);

    [McpServerResource(UriTemplate = "test://template/{id}/data", Name = "template-data", MimeType = "application/json"), Description("A JSON document about the given id (scenario resources-templates-read).")]
    public static TextResourceContents TemplateData([Description("Any id; it is echoed in the document.")] string id) => new()
    {
        Uri = $"test://template/{id}/data",
        MimeType = "application/json",
        Text = new JsonObject { ["id"] = id, ["templateTest"] = true, ["data"] = $"Data for ID: {id}" }.ToJsonString(),
    };

    [McpServerResource(UriTemplate = WatchedUri, Name = "watched-resource", MimeType = "text/plain"), Description("A text resource clients may subscribe to (scenarios resources-subscribe and resources-unsubscribe).")]
    public static TextResourceContents Watched() =>
        new() { Uri = WatchedUri, MimeType = "text/plain", Text = "This resource can be watched with resources/subscribe." };
}
