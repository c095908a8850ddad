# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'users.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_UsersPage(object):
    def setupUi(self, UsersPage):
        if not UsersPage.objectName():
            UsersPage.setObjectName(u"UsersPage")
        UsersPage.resize(1000, 700)
        self.mainLayout = QVBoxLayout(UsersPage)
        self.mainLayout.setSpacing(12)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(28, 22, 28, 20)
        self.titleLabel = QLabel(UsersPage)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.hintLabel = QLabel(UsersPage)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.hintLabel)

        self.bodyLayout = QHBoxLayout()
        self.bodyLayout.setSpacing(14)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.usersTable = QTableView(UsersPage)
        self.usersTable.setObjectName(u"usersTable")
        self.usersTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.usersTable.setAlternatingRowColors(True)
        self.usersTable.setSelectionMode(QAbstractItemView.SingleSelection)
        self.usersTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.usersTable.setTabKeyNavigation(False)

        self.bodyLayout.addWidget(self.usersTable)

        self.buttonsLayout = QVBoxLayout()
        self.buttonsLayout.setSpacing(8)
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.addButton = QPushButton(UsersPage)
        self.addButton.setObjectName(u"addButton")

        self.buttonsLayout.addWidget(self.addButton)

        self.toggleActiveButton = QPushButton(UsersPage)
        self.toggleActiveButton.setObjectName(u"toggleActiveButton")

        self.buttonsLayout.addWidget(self.toggleActiveButton)

        self.resetPasswordButton = QPushButton(UsersPage)
        self.resetPasswordButton.setObjectName(u"resetPasswordButton")

        self.buttonsLayout.addWidget(self.resetPasswordButton)

        self.changeRoleButton = QPushButton(UsersPage)
        self.changeRoleButton.setObjectName(u"changeRoleButton")

        self.buttonsLayout.addWidget(self.changeRoleButton)

        self.buttonsSpacer = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.buttonsLayout.addItem(self.buttonsSpacer)


        self.bodyLayout.addLayout(self.buttonsLayout)


        self.mainLayout.addLayout(self.bodyLayout)

        self.messageLabel = QLabel(UsersPage)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.messageLabel)

        QWidget.setTabOrder(self.usersTable, self.addButton)
        QWidget.setTabOrder(self.addButton, self.toggleActiveButton)
        QWidget.setTabOrder(self.toggleActiveButton, self.resetPasswordButton)
        QWidget.setTabOrder(self.resetPasswordButton, self.changeRoleButton)

        self.retranslateUi(UsersPage)

        QMetaObject.connectSlotsByName(UsersPage)
    # setupUi

    def retranslateUi(self, UsersPage):
        self.titleLabel.setText(QCoreApplication.translate("UsersPage", u"Users", None))
        self.hintLabel.setText(QCoreApplication.translate("UsersPage", u"Everyone who uses MedBill Desktop signs in as themselves. Front desk staff register patients and take copays; billers also enter charges, send claims and post insurance payments; managers also change the practice settings, the users and read the audit log.", None))
#if QT_CONFIG(accessibility)
        self.usersTable.setAccessibleName(QCoreApplication.translate("UsersPage", u"Users", None))
#endif // QT_CONFIG(accessibility)
        self.addButton.setText(QCoreApplication.translate("UsersPage", u"&Add user\u2026", None))
        self.toggleActiveButton.setText(QCoreApplication.translate("UsersPage", u"&Disable user", None))
        self.resetPasswordButton.setText(QCoreApplication.translate("UsersPage", u"Reset &password\u2026", None))
        self.changeRoleButton.setText(QCoreApplication.translate("UsersPage", u"Change r&ole\u2026", None))
        self.messageLabel.setText("")
        pass
    # retranslateUi

