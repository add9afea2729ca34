from common.app import serve_main
from services.personnel.app import create_app

serve_main(create_app)
