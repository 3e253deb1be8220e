using Microsoft.AspNetCore.Http;

namespace GraphQL.Engine.Http.Ide;

/// <summary>
/// The in-browser IDE served at GET on the endpoint to browsers (Accept: text/html, no query). It is one
/// self-contained HTML file embedded in the assembly: no CDN and no npm step at build time.
/// Public so a host can let browsers load the page without credentials: it executes nothing itself.
/// </summary>
public static class IdePage
{
    private static readonly Lazy<byte[]> Html = new(() =>
    {
        using var stream = typeof(IdePage).Assembly.GetManifestResourceStream("GraphQL.Engine.Ide.html")
            ?? throw new InvalidOperationException("The IDE page is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    public static bool IsRequested(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Query.ContainsKey("query")
        && !request.Query.ContainsKey("documentId")
        && request.Headers.Accept.ToString().Contains(MediaTypes.Html, StringComparison.OrdinalIgnoreCase);

    internal static async Task WriteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.Body.WriteAsync(Html.Value, http.RequestAborted);
    }
}
