using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.ServiceDefaults.Errors;

/// <summary>
/// Failures answer as RFC 9457 problem details in every environment: a malformed request says what was wrong with
/// it, and an unexpected failure says only that it happened (its details go to the log, never to the caller).
/// </summary>
public static class ErrorResponseExtensions
{
    public static void AddErrorResponses(this IHostApplicationBuilder builder)
    {
        // By default only Development learns why a body could not be bound; elsewhere the caller gets a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<ExceptionHandlerOptions>(options =>
            options.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.Exception is BadHttpRequestException bad)
            {
                context.ProblemDetails.Title = "The request could not be read.";
                context.ProblemDetails.Detail = bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
            }
        });
    }

    /// <summary>Goes first in the pipeline, so it also catches what the middleware after it throws.</summary>
    public static void UseErrorResponses(this WebApplication app) => app.UseExceptionHandler();
}
