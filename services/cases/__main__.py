from common.app import serve_main
from services.cases.app import create_app

serve_main(create_app)
