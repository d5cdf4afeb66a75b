from django.urls import include, path

urlpatterns = [path("", include("foods.urls"))]
