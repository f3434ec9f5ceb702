using System.ComponentModel;
using Bastion.Conformance.Media;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Conformance.Tools;

/// <summary>Tools that return each kind of content block: text, image, audio, an embedded resource, and all of them at once.</summary>
[McpServerToolType]
internal static class ContentTools
{
    [McpServerTool(Name = "test_simple_text", ReadOnly = true, Idempotent = true), Description("Returns one text block (scenario tools-call-simple-text).")]
    public static TextContentBlock SimpleText() => new() { Text = "This is a simple text response for testing." };

    [McpServerTool(Name = "test_image_content", ReadOnly = true, Idempotent = true), Description("Returns one image block: a 1×1 red PNG (scenario tools-call-image).")]
    public static ImageContentBlock Image() => ImageContentBlock.FromBytes(SampleMedia.Png, SampleMedia.PngMimeType);

    [McpServerTool(Name = "test_audio_content", ReadOnly = true, Idempotent = true), Description("Returns one audio block: 100 ms of a 440 Hz tone as audio/wav (scenario tools-call-audio).")]
    public static AudioContentBlock Audio() => AudioContentBlock.FromBytes(SampleMedia.Wav, SampleMedia.WavMimeType);

    [McpServerTool(Name = "test_embedded_resource", ReadOnly = true, Idempotent = true), Description("Returns one embedded text resource, test://embedded-resource (scenario tools-call-embedded-resource).")]
    public static EmbeddedResourceBlock EmbeddedResource() => new()
    {
        Resource = new TextResourceContents { Uri = "test://embedded-resource", MimeType = "text/plain", Text = "This is an embedded resource content." },
    };

    [McpServerTool(Name = "test_multiple_content_types", ReadOnly = true, Idempotent = true), Description("Returns a text, an image and an embedded JSON resource block in one result (scenario tools-call-mixed-content).")]
    public static IEnumerable<ContentBlock> MultipleContentTypes() =>
    [
        new TextContentBlock { Text = "Multiple content types test:" },
        ImageContentBlock.FromBytes(SampleMedia.Png, SampleMedia.PngMimeType),
        new EmbeddedResourceBlock
        {
            Resource = new TextResourceContents { Uri = "test://mixed-content-resource", MimeType = "application/json", Text = """{"test":"data","value":123}""" },
        },
    ];
}
