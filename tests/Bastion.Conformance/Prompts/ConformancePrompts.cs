using System.ComponentModel;
using Bastion.Conformance.Media;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Conformance.Prompts;

/// <summary>The prompts the prompts-* scenarios get: plain, with arguments, with an embedded resource, with an image.</summary>
[McpServerPromptType]
internal static class ConformancePrompts
{
    [McpServerPrompt(Name = "test_simple_prompt"), Description("One user message of plain text (scenario prompts-get-simple).")]
    public static PromptMessage Simple() => User(new TextContentBlock { Text = "This is a simple prompt for testing." });

    [McpServerPrompt(Name = "test_prompt_with_arguments"), Description("One user message that quotes both arguments (scenario prompts-get-with-args).")]
    public static PromptMessage WithArguments([Description("First test argument.")] string arg1, [Description("Second test argument.")] string arg2) =>
        User(new TextContentBlock { Text = $"Prompt with arguments: arg1='{arg1}', arg2='{arg2}'" });

    [McpServerPrompt(Name = "test_prompt_with_embedded_resource"), Description("A user message embedding a text resource at the given URI, then one asking to process it (scenario prompts-get-embedded-resource).")]
    public static IEnumerable<PromptMessage> WithEmbeddedResource([Description("URI of the resource to embed.")] string resourceUri) =>
    [
        User(new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = resourceUri, MimeType = "text/plain", Text = "Embedded resource content for testing." } }),
        User(new TextContentBlock { Text = "Please process the embedded resource above." }),
    ];

    [McpServerPrompt(Name = "test_prompt_with_image"), Description("A user message holding a 1×1 red PNG, then one asking to analyse it (scenario prompts-get-with-image).")]
    public static IEnumerable<PromptMessage> WithImage() =>
    [
        User(ImageContentBlock.FromBytes(SampleMedia.Png, SampleMedia.PngMimeType)),
        User(new TextContentBlock { Text = "Please analyze the image above." }),
    ];

    private static PromptMessage User(ContentBlock content) => new() { Role = Role.User, Content = content };
}
