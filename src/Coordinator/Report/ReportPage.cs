using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Coordinator.Report;

/// <summary>
/// The report's HTML: one file with everything inlined (uPlot, the page's script and style, the
/// data), so that it opens offline, mailed or attached to a paper. The data goes in as JSON in a
/// script element the page parses: JSON's default encoder writes &lt;, &gt;, &amp; and quotes as
/// \u escapes, so no stored string can close the element or run as markup, and the script puts
/// every string into the page as text.
/// </summary>
public static class ReportPage
{
    /// <summary>How report data is written: camelCase names, HTML-sensitive characters escaped.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Default,
    };

    /// <summary>A self-contained report page of <paramref name="model"/>.</summary>
    public static string Html(ReportModel model) => Page(WebUtility.HtmlEncode($"{model.Sweep}: sweep report"),
        $"<script type=\"application/json\" id=\"report-data\">{JsonSerializer.Serialize(model, Json)}</script>");

    /// <summary>The page shell with <paramref name="data"/> in its body, before the scripts that read it.</summary>
    /// <param name="title">The title, already HTML-encoded.</param>
    /// <param name="data">The elements that carry the page's data or say where to fetch it.</param>
    public static string Page(string title, string data) => new StringBuilder()
        .Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        // An empty icon: the browser asks for none, so an offline report makes no request at all.
        .Append("<link rel=\"icon\" href=\"data:,\">\n")
        .Append("<title>").Append(title).Append("</title>\n")
        .Append("<style>").Append(Resource("uPlot.min.css")).Append("</style>\n")
        .Append("<style>").Append(Resource("report.css")).Append("</style>\n")
        .Append("</head>\n<body>\n<main id=\"app\"><p class=\"loading\">Loading…</p></main>\n")
        .Append(data).Append('\n')
        .Append("<script>").Append(Resource("uPlot.iife.min.js")).Append("</script>\n")
        .Append("<script>").Append(Resource("report.js")).Append("</script>\n")
        .Append("</body>\n</html>\n")
        .ToString();

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is missing from the build: run ./setup.sh, which installs the report's npm packages.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
