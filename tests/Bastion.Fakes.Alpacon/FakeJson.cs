using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bastion.Fakes.Alpacon;

/// <summary>Alpacon's JSON shapes: DRF-style errors and page-number pages.</summary>
public static class FakeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = null };

    public static IResult Json(object? body, int status = 200) => Results.Json(body, Options, statusCode: status);

    /// <summary>DRF's error body: {"detail": "...", "code": "..."}.</summary>
    public static IResult Error(int status, string detail, string? code = null) =>
        Json(code is null ? new JsonObject { ["detail"] = detail } : new JsonObject { ["detail"] = detail, ["code"] = code }, status);

    /// <summary>DRF's validation error body: {"field": ["message"]}.</summary>
    public static IResult Invalid(string field, string message) =>
        Json(new JsonObject { [field] = new JsonArray(message) }, 400);

    public static IResult NotFound() => Error(404, "Not found.", "not_found");

    /// <summary>
    /// One page of <paramref name="items"/> as Alpacon pages it: page (1-based) and page_size (default 20, capped at
    /// 100 without a word, as DRF caps it); next/previous/last are page numbers, 0 when there is none; a page past the
    /// end is 404 "Invalid page.".
    /// </summary>
    public static IResult Page(HttpRequest request, IReadOnlyList<JsonNode> items)
    {
        var size = int.TryParse(request.Query["page_size"], out var s) && s > 0 ? Math.Min(s, 100) : 20;
        var page = 1;
        if (request.Query.TryGetValue("page", out var p) && (!int.TryParse(p, out page) || page < 1))
        {
            return Error(404, "Invalid page.", "not_found");
        }

        var last = Math.Max(1, (items.Count + size - 1) / size);
        if (page > last)
        {
            return Error(404, "Invalid page.", "not_found");
        }

        var results = new JsonArray([.. items.Skip((page - 1) * size).Take(size).Select(i => i.DeepClone())]);
        return Json(new JsonObject
        {
            ["count"] = items.Count,
            ["current"] = page,
            ["next"] = page < last ? page + 1 : 0,
            ["previous"] = page > 1 ? page - 1 : 0,
            ["last"] = last,
            ["results"] = results,
        });
    }

    /// <summary>The request's JSON object body; null when it is not one.</summary>
    public static async Task<JsonObject?> BodyAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Str(this JsonObject body, string name) =>
        body.TryGetPropertyValue(name, out var v) && v is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public static bool? Bool(this JsonObject body, string name) =>
        body.TryGetPropertyValue(name, out var v) && v is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

    public static double? Num(this JsonObject body, string name) =>
        body.TryGetPropertyValue(name, out var v) && v is JsonValue value && value.TryGetValue<double>(out var d) ? d : null;

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
