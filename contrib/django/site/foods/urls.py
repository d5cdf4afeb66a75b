from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search, name="search"),
    path("product/<str:code>/", views.product, name="product"),
    path("favourites/", views.favourites, name="favourites"),
    path("favourites/save", views.save_favourite, name="save_favourite"),
    path("favourites/<int:favourite_id>/remove", views.remove_favourite, name="remove_favourite"),
    path("signup/", views.signup, name="signup"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True,
                                                extra_context={"heading": "Log in"}),
         name="login"),
    path("logout/", views.logout, name="logout"),
]
