using Marketplace.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddWeb();

var app = builder.Build();
app.MapWeb();
app.Run();
